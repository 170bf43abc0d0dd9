/** A backup or restore that cannot go on; the message says in Chinese what to do. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}
