// The service's own health: four log search alert rules over the Application Insights traces the app writes, and the
// action group that emails an operator. Without an email the rules still run and fire in Azure Monitor (portal,
// alert list), they just notify nobody: the deployment stays the same shape either way.
// What each alert means and what to do: docs/operations.md, section 8.

@description('Prefix of the rule and action group names (unique per environment).')
param namePrefix string

@description('Azure region of the rules: the Application Insights component\'s.')
param location string

@description('Tags for every resource.')
param tags object

@description('Resource id of the Application Insights component whose traces the rules query.')
param applicationInsightsId string

@description('Email address the action group notifies; empty deploys no action group.')
param alertEmail string

// One shape for every rule: the query returns a row exactly when something is wrong, so each rule fires on
// "more than 0 rows". Log search alerts allow no union, so each query reads the one table, traces.
// Messages are matched on their constant words, which read the same whether traces hold the formatted line or
// its template: tests/MazeVault.Alerts.Infra.Tests checks every quoted text against the app's log calls.
type alertRule = {
  name: string
  displayName: string
  description: string
  severity: int
  evaluationFrequency: string
  windowSize: string
  @description('Set where the query looks back further than windowSize on its own (ago(), this week\'s Monday).')
  overrideQueryTimeRange: string?
  autoMitigate: bool
  @description('Only for rules that do not auto-resolve (stateless): how long after firing the actions stay quiet.')
  muteActionsDuration: string?
  query: string
}

var rules alertRule[] = [
  {
    name: 'poison-messages'
    displayName: 'MazeVault Alerts: delivery messages reached the poison queue'
    description: 'A delivery message failed five times and was moved to <DELIVERY_QUEUE_NAME>-poison. docs/operations.md, section 8.'
    severity: 1
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    // Stateful: fires once, resolves after 15 minutes without a poisoned message.
    autoMitigate: true
    // Not a storage metric: QueueMessageCount is per account (no queue dimension), where the delivery queue's
    // delayed retries count too, and the app empties the poison queue itself (RecordPoisonDelivery). These are the
    // two lines RecordPoisonDelivery writes for a message it takes off the poison queue.
    query: '''
// One line per poisoned delivery message: recorded failed, or dropped when it was not a delivery envelope.
traces
| where message contains "moved to the poison queue and was recorded failed"
    or message contains "reached the poison queue and was dropped"
| project timestamp, message
'''
  }
  {
    name: 'failed-deliveries'
    displayName: 'MazeVault Alerts: deliveries failed in the last 15 minutes'
    description: 'A delivery to a channel ended failed in the last 15 minutes (a permanent error, its last attempt, or the poison queue). docs/operations.md, section 8.'
    severity: 2
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    autoMitigate: true
    // "Failed to send ..." lines are per attempt, retried ones included; a delivery that ends failed logs one
    // "... was recorded failed ..." line (DeliveryProcessor: permanent error or last attempt; the poison trigger).
    query: '''
traces
| where message contains "was recorded failed"
| project timestamp, message
'''
  }
  {
    name: 'quota-reached'
    displayName: 'MazeVault Alerts: an organization reached a quota'
    description: 'An organization reached its incidents per minute, emails per day or import size quota (QUOTA_*): its callers get 429 or 422 and its emails past the quota are suppressed. The audit log has a QUOTA_EXCEEDED event. docs/operations.md, section 8.'
    severity: 2
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    autoMitigate: true
    // OrganizationQuotas writes one "[Quota] ..." line per organization, quota and window at the first refusal.
    query: '''
traces
| where message contains "[Quota] Organization" and message contains "reached its"
| project timestamp, message
'''
  }
  {
    name: 'daily-check-missing'
    displayName: 'MazeVault Alerts: the daily check did not complete in 26 hours'
    description: 'No "Daily check done" line for 26 hours: the daily check did not run or did not finish. docs/operations.md, section 8.'
    severity: 1
    evaluationFrequency: 'PT1H'
    windowSize: 'PT1H'
    // The query's own ago(26h) needs more data than one window.
    overrideQueryTimeRange: 'P2D'
    // Resolves with the next completed check.
    autoMitigate: true
    query: '''
// The daily check runs once a day; 26 hours leaves two hours for a slow or late run.
traces
| where timestamp > ago(26h)
| where message startswith "[NotificationScheduler] Daily check done:"
| summarize Completed = count()
| where Completed == 0
'''
  }
  {
    name: 'weekly-report-missing'
    displayName: 'MazeVault Alerts: the weekly report was not sent by Monday 08:00 Central European time'
    description: 'No weekly report was queued this week by Monday 08:00 Europe/Prague (it is due at 07:00). docs/operations.md, section 8.'
    severity: 2
    evaluationFrequency: 'PT1H'
    windowSize: 'PT1H'
    // Looks back to Monday 00:00 Prague, at most ten hours.
    overrideQueryTimeRange: 'P1D'
    // Stateless and only true from 08:00 to 10:00 on Monday: one email per missed Monday, no "resolved" mail when
    // the check window closes. Two hourly evaluations fall in that window; the second is muted.
    autoMitigate: false
    muteActionsDuration: 'PT2H'
    query: '''
// KQL has no time zones. Europe/Prague is UTC+1, and UTC+2 (CEST) from 01:00 UTC on the last Sunday of March
// to 01:00 UTC on the last Sunday of October (EU rule).
let pragueOffset = (t: datetime) {
    let marchEnd = startofday(endofmonth(make_datetime(getyear(t), 3, 1)));
    let octoberEnd = startofday(endofmonth(make_datetime(getyear(t), 10, 1)));
    iff(t >= marchEnd - dayofweek(marchEnd) + 1h and t < octoberEnd - dayofweek(octoberEnd) + 1h, 2h, 1h)
};
let localNow = now() + pragueOffset(now());
// This week's Monday 00:00 in Prague (startofweek is a Sunday). The clocks change on Sunday at 01:00 UTC, so the
// offset at Monday 00:00 holds for the whole of Monday.
let mondayLocal = startofweek(localNow - 1d) + 1d;
traces
| where timestamp >= mondayLocal - pragueOffset(mondayLocal)
// One line per organization whose report was queued, by the Monday run, a catch-up or a manual send.
| where message startswith "[WeeklyReportService] Weekly report " and message contains " queued to "
| summarize Sent = count()
| where Sent == 0 and localNow >= mondayLocal + 8h and localNow < mondayLocal + 10h
'''
  }
]

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = if (!empty(alertEmail)) {
  name: '${namePrefix}-operators'
  // Action groups are global resources.
  location: 'global'
  tags: tags
  properties: {
    // Shown as the sender of the email; at most 12 characters.
    groupShortName: 'MazeVault'
    enabled: true
    emailReceivers: [
      {
        name: 'operator'
        emailAddress: alertEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

resource queryRules 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = [
  for rule in rules: {
    name: '${namePrefix}-${rule.name}'
    location: location
    tags: tags
    kind: 'LogAlert'
    properties: {
      displayName: rule.displayName
      description: rule.description
      enabled: true
      severity: rule.severity
      scopes: [
        applicationInsightsId
      ]
      evaluationFrequency: rule.evaluationFrequency
      windowSize: rule.windowSize
      overrideQueryTimeRange: rule.?overrideQueryTimeRange
      autoMitigate: rule.autoMitigate
      muteActionsDuration: rule.?muteActionsDuration
      criteria: {
        allOf: [
          {
            query: rule.query
            timeAggregation: 'Count'
            operator: 'GreaterThan'
            threshold: 0
            failingPeriods: {
              numberOfEvaluationPeriods: 1
              minFailingPeriodsToAlert: 1
            }
          }
        ]
      }
      actions: {
        actionGroups: empty(alertEmail) ? [] : [actionGroup.id]
      }
    }
  }
]
