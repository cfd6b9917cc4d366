/** `npm run request-figures`: writes functions/lib/bulk/request-figures.ts from the step rows (scripts/request-figures.ts). */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { REQUEST_FIGURES_FILE, renderRequestFigures } from './request-figures';

writeFileSync(resolve(__dirname, '..', REQUEST_FIGURES_FILE), renderRequestFigures());
console.log(`wrote ${REQUEST_FIGURES_FILE}`);
