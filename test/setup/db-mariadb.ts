process.env.CUADRA_TEST_DB = 'mariadb';
