/**
 * `poolwise/sync`: the incident's job. The product store (MySQL and
 * simulated) and its layer stacks, the supplier, the retry policy, and the
 * job with its report.
 *
 * @since 0.1.0
 */
export * from "./Product.ts"
export * from "./RepositoryError.ts"
export * from "./ConnectionGauge.ts"
export * from "./ProductRepositoryShape.ts"
export * from "./ProductRepository.ts"
export * from "./ProductRepositorySimulated.ts"
export * from "./ProductRepositorySql.ts"
export * from "./SupplierStatus.ts"
export * from "./retry.ts"
export * from "./SyncReport.ts"
export * from "./syncProductStatus.ts"
