// Tracks in the shape of a Snowflake-style constants.js; statements invented for tests.
import * as d3 from 'd3'

export type TrackId = 'WEB' | 'SERVERS'
export type Milestone = 0 | 1 | 2 | 3 | 4 | 5

/* The object rungs reads: comments, trailing commas,
   unquoted and quoted keys, three kinds of quotes. */
export const tracks: Tracks = {
  WEB: {
    displayName: "Web client",
    category: 'A',
    description: `Builds the browser app`,
    milestones: [{
      summary: "Ships small changes to the web app with a reviewer's help",
      signals: [
        'Fixes a layout bug', // trailing comment
        "Adds a field to a form",
      ],
      examples: [
        `Made the settings page keyboard friendly`,
      ],
    }, {
      summary: 'Owns a page of the app end to end',
      signals: ["Writes the page's tests", 'Measures its load time',],
      examples: [],
    }],
  },
  "SERVERS": {
    displayName: 'Servers',
    category: "B",
    milestones: [
      { summary: "Deploys a service with the team's pipeline", signals: [], examples: ["Rolled back a bad deploy"] },
      { summary: "Designs an API used by two teams", signals: ["Versions the API"] },
      { summary: "Plans capacity for a year", signals: ["Runs a load test \u202e before launch"], },
    ],
  },
  'EMPTY': { displayName: 'No milestones yet' },
}

export const trackIds: TrackId[] = Object.keys(tracks)
