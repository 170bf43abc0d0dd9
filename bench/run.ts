// `npm run bench`: every benchmark, each reported as a ratio against a baseline from the same run,
// because these machines are shared and absolute figures drift between runs.
import { runCalendarBench } from './calendar.bench.ts';
import { runHttpBench } from './http.bench.ts';
import { runComplianceBench } from './compliance.bench.ts';
import { runStartupBench } from './startup.bench.ts';
import { runCatalogImportBench } from './catalogImport.bench.ts';

for (const bench of [runCalendarBench, runHttpBench, runComplianceBench, runStartupBench, runCatalogImportBench]) {
  for (const line of await bench()) console.log(line);
  console.log('');
}
