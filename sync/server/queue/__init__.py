"""The platform's queue, by domain: numbers issued and leased (`issue`), calls at
the windows (`calls`), bookings (`bookings`), the day's figures and the hall's
state (`stats`), the hall display's event stream (`hall`), offline queue items
of a batch (`batch`), shared rules and numbering (`core`). Services raise the
domain errors of `errors`; `routes` is the HTTP layer and maps them."""

# a commit that changes a center's queue or help board wakes its hall streams
from sync.server.queue import hall_push as hall_push
