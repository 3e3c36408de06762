"""School reports and indicators: data elements, indicators, templates, rounds, entry, review,
aggregation (sum of numerators over sum of denominators), the dashboard and the Excel round trip.

Write functions come in two forms: ``add_x(uow, ...)`` works inside an open unit of work
(the demo and multi-step use cases) and checks ``uow.actor``'s rights itself; ``create_x(db,
actor, ...)`` opens one unit of work around it.
"""
