// Huawei Cloud DCS CreateMigrationTask (seed 004).
import { defineConformanceSuite } from './define-conformance-suite.ts';

defineConformanceSuite('huawei-dcs/CreateMigrationTask');
