// Evaluates requests against IAM policies with @cloud-copilot/iam-simulate (AGPL-3.0, test-time
// only). Reads {"identityPolicies": [...], "requests": [{"action", "resource", "resourcePolicy"?,
// "context"?}], "principal", "account"} as JSON on stdin; writes one result per request as JSON on
// stdout: {"action", "resource", "result": "Allowed" | "ImplicitlyDenied" | "ExplicitlyDenied" |
// "Error", "errors"?}. IamSimulator (deploy/src/test/java) builds the input from the template.
import { runSimulation } from '@cloud-copilot/iam-simulate'

const chunks = []
for await (const chunk of process.stdin) chunks.push(chunk)
const input = JSON.parse(Buffer.concat(chunks).toString('utf8'))

const results = []
for (const request of input.requests) {
  const simulation = {
    identityPolicies: input.identityPolicies.map((policy, i) => ({ name: `policy${i}`, policy })),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy: request.resourcePolicy,
    request: {
      action: request.action,
      principal: input.principal,
      resource: { resource: request.resource, accountId: input.account },
      contextVariables: request.context ?? {}
    }
  }
  const response = await runSimulation(simulation, {})
  if (response.resultType === 'error') {
    results.push({ action: request.action, resource: request.resource, result: 'Error', errors: response.errors })
  } else {
    results.push({ action: request.action, resource: request.resource, result: response.overallResult })
  }
}
process.stdout.write(JSON.stringify(results))
