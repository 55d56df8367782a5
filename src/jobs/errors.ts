/** Thrown when another job is sending the group's digest: BullMQ retries later, so nothing is skipped. */
export class DigestBusyError extends Error {
  constructor(groupId: string) {
    super(`the digest for group "${groupId}" is being sent by another job; retrying later`);
    this.name = 'DigestBusyError';
  }
}
