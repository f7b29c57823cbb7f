//! Profile + framework → markdown, JSON and CSV summaries.
