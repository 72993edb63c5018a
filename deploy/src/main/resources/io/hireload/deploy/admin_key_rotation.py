# Rotates hireload's admin key (Secrets Manager's four rotation steps) and then replaces the
# service's tasks, which read the key at start: a rolling deployment, so the old key is accepted
# until the last old task stops and the new one from the first new task (docs/DEPLOY.md).
# Called by a weekly schedule instead (an event without "Step"), it only replaces the tasks, so
# none holds database credentials older than one rotation of them.
import os
import secrets
import string

import boto3

ALPHABET = string.ascii_letters + string.digits
LENGTH = 48

manager = boto3.client("secretsmanager")
ecs = boto3.client("ecs")


def replace_tasks():
    ecs.update_service(cluster=os.environ["CLUSTER"], service=os.environ["SERVICE"], forceNewDeployment=True)


def handler(event, context):
    if "Step" not in event:
        replace_tasks()
        return
    arn, token, step = event["SecretId"], event["ClientRequestToken"], event["Step"]
    versions = manager.describe_secret(SecretId=arn).get("VersionIdsToStages", {})
    if token not in versions:
        raise ValueError("version %s of the admin key is not staged for rotation" % token)
    if "AWSCURRENT" in versions[token]:
        return
    if step == "createSecret":
        try:
            manager.get_secret_value(SecretId=arn, VersionId=token, VersionStage="AWSPENDING")
        except manager.exceptions.ResourceNotFoundException:
            key = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
            manager.put_secret_value(SecretId=arn, ClientRequestToken=token, SecretString=key,
                                     VersionStages=["AWSPENDING"])
    elif step == "finishSecret":
        current = next(v for v, stages in versions.items() if "AWSCURRENT" in stages)
        manager.update_secret_version_stage(SecretId=arn, VersionStage="AWSCURRENT", MoveToVersionId=token,
                                            RemoveFromVersionId=current)
        replace_tasks()
    # setSecret and testSecret: nothing holds the key but the tasks, which read it at start.
