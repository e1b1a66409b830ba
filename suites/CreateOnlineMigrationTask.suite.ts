// Huawei Cloud DCS CreateOnlineMigrationTask (seed 003).
import { defineConformanceSuite } from './define-conformance-suite.ts';

defineConformanceSuite('huawei-dcs/CreateOnlineMigrationTask');
