import { defineConfig } from 'vitest/config';

export default defineConfig({
  define: { __HT_CATALOG_URL__: JSON.stringify('/catalog') },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    reporters: ['default', ['json', { outputFile: 'reports/vitest.json' }]],
  },
});
