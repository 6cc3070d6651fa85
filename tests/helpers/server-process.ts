import { fork, type ChildProcess } from 'child_process';
import path from 'path';
import request from 'supertest';

export type ServerProcess = {
  url: string;
  http: () => ReturnType<typeof request>;
  child: ChildProcess;
  stop: () => Promise<void>;
};

/** Starts the app in another OS process on the current test environment (same database and secrets). */
export const startServerProcess = async (port: number, env: Record<string, string> = {}): Promise<ServerProcess> => {
  const child = fork(path.join(__dirname, 'serve.js'), [], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('second server did not start within 60 s')), 60000);
    child.on('message', (message: { ready?: boolean }) => {
      if (message.ready) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`second server exited with ${code}`));
    });
  });
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    http: () => request(url),
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        // gone already: ended, or killed by a signal (exitCode stays null then)
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10000).unref();
      }),
  };
};
