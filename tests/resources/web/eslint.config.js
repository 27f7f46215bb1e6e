// ESLint for the phone's page script (resources/web/softphone.js) and its tests. Run from the top of the
// repository with this file given (-c), so that the page script lies inside the linted tree: run-tests.cmake.
'use strict';

const js = require('@eslint/js');

const readonly = names => Object.fromEntries(names.map(name => [name, 'readonly']));

module.exports = [
    js.configs.recommended,
    {
        rules: {
            eqeqeq: 'error',
            'no-var': 'error',
            'prefer-const': 'error',
            strict: ['error', 'global'],
        },
    },
    {
        // A classic script in QtWebEngine (Chromium): what the page offers it, and `module` for Node.
        files: ['resources/web/softphone.js'],
        languageOptions: {
            ecmaVersion: 2022,
            sourceType: 'script',
            globals: readonly(['window', 'navigator', 'Date', 'AudioContext', 'Twilio', 'QWebChannel', 'qt',
                               'module']),
        },
    },
    {
        files: ['tests/resources/web/**/*.js'],
        languageOptions: {
            ecmaVersion: 2022,
            sourceType: 'commonjs',
            globals: readonly(['require', 'module', '__dirname', 'console', 'process', 'setImmediate',
                               'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval']),
        },
    },
];
