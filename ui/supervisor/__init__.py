"""The supervisor's desk: the day's queue, deadlines, drill-down, acts and reports."""

from ui.supervisor.desk import SupervisorDesk

__all__ = ["SupervisorDesk"]
