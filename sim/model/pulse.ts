/**
 * The city pulse: city aggregates the monthly processes read, taken by the
 * pulse step at the end of each month (observe/pulse.ts) from the state the
 * month left, and read by the processes of the next month.
 */
export interface CityPulse {
  residents: number; // agents
  employed: number;
  labourForce: number;
  meanWage: number; // nominal, employed persons
  migrantSchoolAccess: number;
  settledLastYear: number; // agents
  nonHukou: number; // agents
  registryCoverage: number;
  burdenShare: number; // share of renting households over the burden limit
  /** Monthly wage bill of employed persons, all and in formal jobs (nominal yuan, agents). */
  wageBill: number;
  formalWageBill: number;
  /** Non-hukou school-age children holding a school place in the city (agents). */
  placedNonHukou: number;
}

/** The pulse before the first measurement. */
export const newPulse = (): CityPulse => ({ residents: 0, employed: 0, labourForce: 0, meanWage: 0, migrantSchoolAccess: 1, settledLastYear: 0, nonHukou: 0, registryCoverage: 0, burdenShare: 0, wageBill: 0, formalWageBill: 0, placedNonHukou: 0 });
