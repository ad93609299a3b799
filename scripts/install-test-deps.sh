#!/usr/bin/env bash
# Installs and starts what the test suites need on a Debian machine: PHP + Debian's WordPress for
# the plugin, Chromium for end-to-end tests and PDFs, Dovecot for IMAP tests, and a running MariaDB.
# Idempotent and quick when everything is already there. Used by `npm test` and by .ci/run.
set -euo pipefail

PACKAGES=(php-cli php-mysql php-xml php-mbstring php-curl php-gd php-intl php-zip wordpress chromium dovecot-imapd poppler-utils fonts-liberation php-dompdf)

missing=()
for pkg in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done

if ((${#missing[@]} > 0)); then
  if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null; then
    echo "Missing Debian packages: ${missing[*]}" >&2
    echo "Install them with: sudo apt-get install -y ${missing[*]}" >&2
    # Outside CI the suites that need them are skipped with a warning; in CI they must be there.
    [[ "${CI:-}" == "true" ]] && exit 1 || exit 0
  fi
  echo "Installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# MariaDB: the machine normally runs it; start it when it does not answer.
if command -v mariadb-admin >/dev/null && ! mariadb-admin --host=127.0.0.1 --user=root ping >/dev/null 2>&1; then
  if command -v mariadbd >/dev/null || [[ -x /usr/sbin/mariadbd ]]; then
    echo "Starting MariaDB"
    start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd || true
    for _ in $(seq 1 30); do
      mariadb-admin --host=127.0.0.1 --user=root ping >/dev/null 2>&1 && break
      sleep 1
    done
  fi
fi
