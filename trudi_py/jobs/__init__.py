"""Long-running use cases as plain functions with progress callback and cancel token."""

from trudi_py.jobs.base import CancelToken, EtaClock, Progress, ProgressCallback, no_progress

__all__ = ["CancelToken", "EtaClock", "Progress", "ProgressCallback", "no_progress"]
