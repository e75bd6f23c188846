"""Use cases, one module per job. Each public function is one transaction.

Callers (CLI, ui, sync, printing) get read models back, never ORM objects.
"""
