/**
 * The month's flow counters, reset at the start of each month; real-world
 * scaling is applied on observation. The shared flows (arrivals, deaths,
 * settlements, the citizenisation cost…) are fields; a policy's own flows
 * are declared by the policy (PolicyModule.flows) and held here by indicator
 * name, in declaration order, so that the model names no policy.
 */
export class Flows {
  arrivals = 0;
  departures = 0;
  births = 0;
  deaths = 0;
  applicants = 0;
  settlements = 0;
  settledApplicants = 0;
  settlementsByZone: Float64Array;
  cutoff = NaN;
  costGov = 0;
  costEmployers = 0;
  costPersons = 0;
  /** The month's recurring public service cost (fiscal.ts), all payers, and its parts by payer (they add up to it). */
  serviceCost = 0;
  serviceGov = 0;
  serviceEmployers = 0;
  servicePersons = 0;
  /** The month's tax revenue (fiscal.ts). */
  taxRevenue = 0;
  /** Government revenue, spending and borrowing that policies book this month (land-ticket proceeds, public rental grants and loans); the fiscal step adds them to the books. */
  policyRevenue = 0;
  policySpending = 0;
  policyBorrowing = 0;
  /** Households that moved from one dwelling to another this month (arrivals placed for the first time are not moves). */
  moves = 0;
  /** Dwellings demolished, cleared or withdrawn this month, and households they displaced. */
  demolished = 0;
  displaced = 0;
  /** Values of the flows policies declared, by slot (see declare). */
  private named: Float64Array = new Float64Array(0);
  private slots = new Map<string, number>();
  constructor(nz: number) {
    this.settlementsByZone = new Float64Array(nz);
  }
  reset(): void {
    this.arrivals = this.departures = this.births = this.deaths = 0;
    this.applicants = this.settlements = this.settledApplicants = 0;
    this.settlementsByZone.fill(0);
    this.cutoff = NaN;
    this.costGov = this.costEmployers = this.costPersons = 0;
    this.serviceCost = this.serviceGov = this.serviceEmployers = this.servicePersons = this.taxRevenue = 0;
    this.policyRevenue = this.policySpending = this.policyBorrowing = 0;
    this.moves = this.demolished = this.displaced = 0;
    this.named.fill(0);
  }
  /** Declares a flow reported as indicator `name` (once per world; again returns the same slot). Returns its slot. */
  declare(name: string): number {
    const had = this.slots.get(name);
    if (had !== undefined) return had;
    const slot = this.named.length;
    const a = new Float64Array(slot + 1);
    a.set(this.named);
    this.named = a;
    this.slots.set(name, slot);
    return slot;
  }
  /** Adds v to the declared flow in `slot`. */
  add(slot: number, v: number): void {
    this.named[slot]! += v;
  }
  /** This month's value of the declared flow reported as `name`; 0 when no installed policy declared it. */
  value(name: string): number {
    const slot = this.slots.get(name);
    return slot === undefined ? 0 : this.named[slot]!;
  }
  /** The declared flows, [indicator name, value] in declaration order (checked mode reads them). */
  declared(): [string, number][] {
    return [...this.slots].map(([n, s]) => [n, this.named[s]!]);
  }
}
