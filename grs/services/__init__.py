"""The only place a case or any other record changes, and where pages and commands read from.

One rule for transactions, the same for the web, the command line and the worker:

- An entry point (what a view, a command or the worker calls) takes the `Runtime` first.
- A change opens its own unit of work inside the service, `with rt.db.write() as session:`. It is
  committed whole or rolled back whole, and its audit entry is written in that same
  transaction, so a refused change leaves neither the change nor an entry behind. Input is
  checked by the service, before or inside that transaction, never by its caller.
- A read takes the caller's read session (`session: Session`): the request's, or the command's.
- A step composed inside a unit of work takes that unit's `session` and never commits; it may be
  called only from an entry point, or from a test that opens the transaction itself.

So a caller parses its input, calls one entry point, and shows the outcome. It never opens a
transaction, runs a query, or strings several steps together.
"""
