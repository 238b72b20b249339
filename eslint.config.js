// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

/** "Today" is the office's day: the web's clock module and the server's are the only readers of the clock for a day. */
const ONE_CLOCK = [
  { selector: "CallExpression[callee.name='dayjs'][arguments.length=0]", message: '“今天”取自办公室时区：用 web/src/lib/office-clock.ts（officeToday、todayValue、isAfterToday），不要用浏览器时区的 dayjs()' },
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: '“今天”取自办公室时区：用 office-clock（web）或 src/server/clock.ts（server）；时刻用 deviceNowIso() / officeNow()' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'test-output/**', 'web/dev-dist/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: { ...globals.node, ...globals.browser } },
    rules: {
      // sanitisers match control characters on purpose
      'no-control-regex': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    files: ['web/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    files: ['web/src/**/*.{ts,tsx}'],
    ignores: ['web/src/lib/office-clock.ts'],
    rules: {
      'no-restricted-syntax': ['error', ...ONE_CLOCK],
      'no-restricted-imports': ['error', { paths: [{ name: 'antd', importNames: ['DatePicker'], message: '用 web/src/ui/date-picker.tsx 的 DatePicker：它的“今天”是办公室的今天' }] }],
    },
  },
  {
    files: ['src/server/**/*.ts', 'src/domain/**/*.ts', 'src/cli/**/*.ts'],
    ignores: ['src/server/clock.ts', '**/*.test.ts'],
    rules: {
      'no-restricted-syntax': ['error', ONE_CLOCK[1]],
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/domain/shared/dates.js'], importNames: ['officeToday'], message: '用 src/server/clock.ts 的 officeToday()' }] }],
    },
  },
  {
    // the domain is pure: no server, database or web code
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/server/**', '**/web/**', 'kysely', 'fastify', 'pg', '@electric-sql/*'], message: 'domain/ 是纯规则层，不能依赖服务器、数据库或网页代码' }] }],
    },
  },
);
