"""One visibility rule per model: a detail address shows exactly what the lists show the user.

``check_details_follow_lists`` opens every detail address as every user and compares the answer with the list's
queryset (``visible(user, organisation)``, the app's ``<entities>_visible_to``) in the organisation the request
worked in: 200 for a row the list holds, a refusal (403 or 404) for any other."""


def check_details_follow_lists(client_as, *, users, objects, visible, url, organisation=None):
    mismatches, shown_pairs, hidden_pairs = [], 0, 0
    for user in users:
        client = client_as(user, organisation)
        shown = {}
        for obj in objects:
            response = client.get(url(obj))
            org = response.wsgi_request.organisation
            if org not in shown:
                shown[org] = set(visible(user, org).values_list("pk", flat=True)) if org is not None else set()
            listed = obj.pk in shown[org]
            shown_pairs += listed
            hidden_pairs += not listed
            if (listed and response.status_code != 200) or (not listed and response.status_code not in (403, 404)):
                mismatches.append((user.username, obj.pk, "listed" if listed else "hidden", response.status_code))
    assert not mismatches, mismatches
    # The check means something only if some rows are shown and some hidden.
    assert shown_pairs and hidden_pairs, (shown_pairs, hidden_pairs)
