// npm start: Azurite for storage, a build of the Functions app, then `func start` on the build output.
// host.json lives at the repository root and is copied into the build output, which is where func looks for it.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const appOutput = join(root, 'MazeVault.Alerts.Functions', 'bin', 'Debug', 'net10.0');
const settings = join(root, 'local.settings.json');

if (!existsSync(settings)) {
  copyFileSync(join(root, 'local.settings.sample.json'), settings);
  console.log('Created local.settings.json from local.settings.sample.json: edit it for your channels.');
}

const build = spawnSync('dotnet', ['build', join(root, 'MazeVault.Alerts.Functions')], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
copyFileSync(settings, join(appOutput, 'local.settings.json'));

mkdirSync(join(root, '.azurite'), { recursive: true });
const azurite = spawn(process.execPath, [
  join(root, 'node_modules', 'azurite', 'dist', 'src', 'azurite.js'),
  '--silent', '--location', join(root, '.azurite'), '--skipApiVersionCheck', '--loose', '--disableTelemetry',
  '--blobHost', '127.0.0.1', '--queueHost', '127.0.0.1', '--tableHost', '127.0.0.1',
], { stdio: 'inherit' });
console.log('Azurite: blob 10000, queue 10001, table 10002 on 127.0.0.1 (data in .azurite/).');

const windows = process.platform === 'win32';
const localFunc = join(root, 'node_modules', '.bin', windows ? 'func.cmd' : 'func');
const func = existsSync(localFunc) ? localFunc : 'func';
// On Windows func is a .cmd shim, which Node starts only through a shell; quote the paths, they may hold spaces.
const host = windows
  ? spawn(`"${func}" start --script-root "${appOutput}"`, { stdio: 'inherit', shell: true })
  : spawn(func, ['start', '--script-root', appOutput], { stdio: 'inherit' });
host.on('error', () => {
  console.error('Azure Functions Core Tools (func) was not found. Install it with `npm i -g azure-functions-core-tools@4`');
  console.error('or from https://learn.microsoft.com/azure/azure-functions/functions-run-local, then run `npm start` again.');
  azurite.kill();
  process.exit(1);
});
host.on('exit', (code) => { azurite.kill(); process.exit(code ?? 0); });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => { host.kill(signal); azurite.kill(signal); });
