import uuid

INSTANCE_ID = str(uuid.uuid4())  # <- entropy
