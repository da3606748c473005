// What both uses of API Extractor share (scripts/api-report.mjs, scripts/roll-up-declarations.mjs): the compiler
// settings for reading tsc's declarations, and which of its messages matter.

/** The compiler options API Extractor reads the declarations with. */
export const extractorCompilerOptions = {
  lib: ['ES2023', 'ESNext.Disposable'],
  types: ['node'],
  strict: true,
  skipLibCheck: true,
};

/** Its message settings: warnings and errors, without the ones plugboard's conventions make noise. */
export const extractorMessages = {
  compilerMessageReporting: { default: { logLevel: 'warning' } },
  extractorMessageReporting: {
    default: { logLevel: 'warning' },
    // plugboard does not tag releases (@public, @beta) on its exports.
    'ae-missing-release-tag': { logLevel: 'none' },
    // TSDoc coverage is a review matter; types another entry point exports are not forgotten.
    'ae-undocumented': { logLevel: 'none' },
    'ae-forgotten-export': { logLevel: 'none' },
  },
  tsdocMessageReporting: { default: { logLevel: 'none' } },
};
