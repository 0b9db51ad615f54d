/** The browser test files (names in test/browser/) that run in every engine, each with the reason it does. */
export const ALL_ENGINES: Readonly<Record<string, string>>;
/** The files web-test-runner runs in `engine`: every file in Chromium, the files of ALL_ENGINES in the others. */
export function browserTestFiles(engine: string): string[];
