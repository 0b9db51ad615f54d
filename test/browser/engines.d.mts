/** The browser test files (names in test/browser/) that run in every engine, each with the reason it does. */
export const ALL_ENGINES: Readonly<Record<string, string>>;
/** The engines that compare screenshots, each against references of its own. */
export const SCREENSHOT_ENGINES: readonly string[];
/** The files web-test-runner runs in `engine`: every file in Chromium, the files of ALL_ENGINES in the others, and the screenshots in SCREENSHOT_ENGINES. */
export function browserTestFiles(engine: string): string[];
