/** The `source` of the e2e scenario's lifecycle events: the only one the e2e stack allows (lifecycleAllowedSources). */
export const E2E_EVENT_SOURCE = 'e2e.webex-provisioning';
