// npm start: Azurite for storage, a build of the Functions app, then `func start` on the build output; where Azure
// Functions Core Tools (func) is missing, the project's development host runs the build output instead.
// host.json lives at the repository root and is copied into the build output, which is where func looks for it.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const appOutput = join(root, 'MazeVault.Alerts.Functions', 'bin', 'Debug', 'net10.0');
const runnerProject = join(root, 'tests', 'MazeVault.Alerts.TestHost');
const runner = join(runnerProject, 'bin', 'Debug', 'net10.0', 'MazeVault.Alerts.TestHost.dll');
const settings = join(root, 'local.settings.json');
const windows = process.platform === 'win32';

if (!existsSync(settings)) {
  copyFileSync(join(root, 'local.settings.sample.json'), settings);
  console.log('Created local.settings.json from local.settings.sample.json: edit it for your channels.');
}

function build(project) {
  const result = spawnSync('dotnet', ['build', project], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// func from node_modules (the optional dependency), else from PATH; null when neither runs.
function findFunc() {
  const local = join(root, 'node_modules', '.bin', windows ? 'func.cmd' : 'func');
  const func = existsSync(local) ? local : 'func';
  const probe = spawnSync(windows ? `"${func}"` : func, ['--version'], { stdio: 'ignore', shell: windows });
  return probe.error || probe.status !== 0 ? null : func;
}

build(join(root, 'MazeVault.Alerts.Functions'));
copyFileSync(settings, join(appOutput, 'local.settings.json'));
const func = findFunc();
if (!func) build(runnerProject);

mkdirSync(join(root, '.azurite'), { recursive: true });
const azurite = spawn(process.execPath, [
  join(root, 'node_modules', 'azurite', 'dist', 'src', 'azurite.js'),
  '--silent', '--location', join(root, '.azurite'), '--skipApiVersionCheck', '--loose', '--disableTelemetry',
  '--blobHost', '127.0.0.1', '--queueHost', '127.0.0.1', '--tableHost', '127.0.0.1',
], { stdio: 'inherit' });
console.log('Azurite: blob 10000, queue 10001, table 10002 on 127.0.0.1 (data in .azurite/).');

let host;
if (func) {
  // On Windows func is a .cmd shim, which Node starts only through a shell; quote the paths, they may hold spaces.
  host = windows
    ? spawn(`"${func}" start --script-root "${appOutput}"`, { stdio: 'inherit', shell: true })
    : spawn(func, ['start', '--script-root', appOutput], { stdio: 'inherit' });
} else {
  console.log('Azure Functions Core Tools (func) not found: running the app under the project\'s development host.');
  console.log('(Install Core Tools with `npm i -g azure-functions-core-tools@4` to run it under func instead.)');
  host = spawn('dotnet', [runner, '--app', appOutput, '--settings', settings], { stdio: 'inherit' });
}

host.on('error', (error) => {
  console.error(`Could not start the host: ${error.message}`);
  azurite.kill();
  process.exit(1);
});
host.on('exit', (code) => { azurite.kill(); process.exit(code ?? 0); });
// Ctrl+C reaches every process of the terminal; SIGTERM only this one: pass either on, then exit with the host.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => { host.kill(signal); azurite.kill(signal); });
