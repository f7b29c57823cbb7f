export const tracks = {
  A: { displayName: "A", milestones: [
    { summary: "]0;pwned\u{日本語}[2J", signals: [] },
  ] },
}
