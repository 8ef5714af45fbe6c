// Who is logged in to which queue and whether they are paused, from ADDMEMBER, REMOVEMEMBER,
// PAUSE, UNPAUSE, PAUSEALL and UNPAUSEALL: what queueStatus() counts agents from.

export class MemberBook {
  /** queue → member (agent field as written) → paused. */
  private readonly byQueue = new Map<string, Map<string, boolean>>();

  constructor(saved: [string, [string, boolean][]][]) {
    for (const [queue, members] of saved) this.byQueue.set(queue, new Map(members));
  }

  add(queue: string, agent: string): void {
    const members = this.queue(queue);
    // A member added again (a re-login after a restart) keeps its pause.
    if (!members.has(agent)) members.set(agent, false);
  }

  remove(queue: string, agent: string): void {
    this.byQueue.get(queue)?.delete(agent);
  }

  /** A PAUSE in a queue also proves the member is in it (static members log no ADDMEMBER). */
  pause(queue: string, agent: string, paused: boolean): void {
    this.queue(queue).set(agent, paused);
  }

  pauseEverywhere(agent: string, paused: boolean): void {
    for (const members of this.byQueue.values()) if (members.has(agent)) members.set(agent, paused);
  }

  membersOf(queue: string): ReadonlyMap<string, boolean> {
    return this.byQueue.get(queue) ?? new Map();
  }

  toJSON(): [string, [string, boolean][]][] {
    return [...this.byQueue].map(([queue, members]) => [queue, [...members]]);
  }

  private queue(queue: string): Map<string, boolean> {
    let members = this.byQueue.get(queue);
    if (members === undefined) {
      members = new Map();
      this.byQueue.set(queue, members);
    }
    return members;
  }
}
