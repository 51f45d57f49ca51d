"""The policy engine: the pinned OPA binary, the staged bundle, the local OPA process or a
central one, the client that talks to it, and the batches it judges.
"""
