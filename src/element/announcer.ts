// Which progress milestones a screen reader hears: 25, 50 and 75 %, each once per upload, and only the highest one
// crossed when progress jumps (a fast upload should not read out three numbers in a row).

export const PROGRESS_MILESTONES = [25, 50, 75] as const;

export class ProgressMilestones {
  #reached = 0;

  /** The milestone `percent` newly crosses, if any. */
  next(percent: number): number | undefined {
    const crossed = PROGRESS_MILESTONES.filter((milestone) => milestone > this.#reached && percent >= milestone);
    if (crossed.length === 0) return undefined;
    this.#reached = crossed[crossed.length - 1];
    return this.#reached;
  }

  reset(): void {
    this.#reached = 0;
  }
}
