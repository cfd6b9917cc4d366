// Imported first: the shared logger reads its level when its module loads.
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
process.env.POWERTOOLS_METRICS_DISABLED = 'true';
process.env.POWERTOOLS_SERVICE_NAME ??= 'webex-provisioning';
