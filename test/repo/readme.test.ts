import fs from 'node:fs';
import path from 'node:path';
import { configSchema } from '../../service/src/config';

const root = path.resolve(__dirname, '..', '..');
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };

describe('README', () => {
  it('documents every configuration variable the service reads, and no others', () => {
    const table = readme.slice(readme.indexOf('## Service configuration'), readme.indexOf('## Docker Compose'));
    const documented = [...table.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]).sort();
    expect(documented).toEqual(Object.keys(configSchema.shape).sort());
  });

  it('gives exactly two newcomer commands, and they are real npm scripts', () => {
    const blocks = [...readme.matchAll(/```sh\n([^`]+)```/g)].map((m) => m[1]!.trim());
    expect(blocks).toEqual(['npm install && npm start', 'npm test']);
    expect(pkg.scripts.start).toBeDefined();
    expect(pkg.scripts.test).toContain('jest');
  });
});
