/**
 * `poolwise/sync`: the incident's job and what it needs. The job and its
 * report, the product store (MySQL and simulated) with its connections, the
 * supplier, and the retry policy.
 *
 * @since 0.1.0
 */
export { Product, ProductId } from "./Product.ts"
export { PoolMetrics } from "./PoolMetrics.ts"
export { ProductRepository } from "./ProductRepository.ts"
export { ProductNotFound, RepositoryError } from "./RepositoryError.ts"
export { defaultRetryPolicy, noRetries, type RetryPolicy, retrySchedule } from "./RetryPolicy.ts"
export { StoreConnections } from "./StoreConnections.ts"
export { decodeSupplierStatus, SupplierError, SupplierStatus, SupplierStatusRecord } from "./SupplierStatus.ts"
export { type ItemDone, type SyncOptions, syncProductStatus } from "./syncProductStatus.ts"
export { listFailures, SyncReport } from "./SyncReport.ts"
