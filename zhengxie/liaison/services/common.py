"""What the liaison app's services share: the one transition call and the one history call, per history table."""

from zhengxie.core import transitions


def move(obj, action: str, actor, *, workflow, history, history_for: dict, audit: str, allowed: bool = True,
         fields=(), comment: str = "", data: dict | None = None, changes: dict | None = None) -> str:
    return transitions.transition(obj, action, workflow=workflow, actor=actor, allowed=allowed, history=history,
                                  history_for=history_for, audit=audit, fields=fields, comment=comment, data=data,
                                  audit_changes=changes)


def record(obj, action: str, actor, *, history, history_for: dict, audit: str | None, comment: str = "",
           data: dict | None = None, changes: dict | None = None, from_state: str | None = None):
    state = obj.status if from_state is None else from_state
    return transitions.record(obj, action, actor=actor, history=history, history_for=history_for,
                              from_state=state, to_state=obj.status, audit=audit, comment=comment, data=data,
                              audit_changes=changes)
