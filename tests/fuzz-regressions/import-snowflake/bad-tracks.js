export const tracks = {
  WEB: {
    displayName: 'Web',
    milestones: [{ summary: `Uses ${thing}`, signals: [] }],
  },
}
