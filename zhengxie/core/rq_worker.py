"""The RQ worker the platform runs (``manage.py rqworker --worker-class zhengxie.core.rq_worker.Worker``).

RQ keeps a started job's lease for the monitoring interval + 60 s, and looks for expired leases every 10 minutes:
a job whose worker was killed was found abandoned only after ~11 minutes. This worker renews the lease every 10 s
and lets it lapse 15 s after the last renewal; the outbox relay looks for lapsed leases every round and queues the
job again (see zhengxie/core/outbox.py)."""

from rq.worker import Worker as RQWorker

LEASE_MARGIN = 15


class Worker(RQWorker):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("job_monitoring_interval", 10)
        super().__init__(*args, **kwargs)

    def get_heartbeat_ttl(self, job, working_time: float = 0.0) -> int:
        return min(super().get_heartbeat_ttl(job, working_time), self.job_monitoring_interval + LEASE_MARGIN)
