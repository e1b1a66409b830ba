// Every operation the run targets, found from its folder under schemas/: a new operation needs no suite file.
import { apiIds } from '../src/contract/apis.ts';
import { defineConformanceSuite } from './define-conformance-suite.ts';

for (const api of apiIds) defineConformanceSuite(api);
