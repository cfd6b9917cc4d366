// Read by Powertools when its modules load: cold starts are reported only for on-demand Lambda environments;
// the event logging a deployment could switch on, which the handler factories must override.
process.env.AWS_LAMBDA_INITIALIZATION_TYPE = 'on-demand';
process.env.POWERTOOLS_LOGGER_LOG_EVENT = 'true';
