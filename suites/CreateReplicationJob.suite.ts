// Alibaba Cloud SMC CreateReplicationJob: both doc editions; the run's targets decide which ones go.
import { defineConformanceSuite } from './define-conformance-suite.ts';

defineConformanceSuite('alibaba-smc/CreateReplicationJob@2019');
defineConformanceSuite('alibaba-smc/CreateReplicationJob@current');
