/** vitest globalSetup: one OpenSSH server for the whole run, handed to tests by inject('sshd'). */
import { existsSync, rmSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { infoOf, SSHD, type SshdInfo, startSshd } from './sshd.js';

declare module 'vitest' {
  export interface ProvidedContext {
    sshd: SshdInfo | { missing: string };
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(SSHD) && process.env.CI !== 'true') {
    // Outside CI the other tests still run; every test that needs sshd fails with this reason.
    project.provide('sshd', { missing: `${SSHD} is missing: install openssh-server` });
    return async () => {};
  }
  const sshd = await startSshd();
  project.provide('sshd', infoOf(sshd));
  return async () => {
    await sshd.stop();
    rmSync(sshd.dir, { recursive: true, force: true });
  };
}
