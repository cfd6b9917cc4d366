/** The CloudWatch namespace of every metric the suite publishes (workflow outcomes, rotation, Webex requests, number pools). */
export const METRICS_NAMESPACE = 'WebexProvisioning';
