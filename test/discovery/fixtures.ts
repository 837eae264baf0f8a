/** Hand-written feedback on three topics, with light variations, for the discovery tests. */
const DELIVERY = [
  'the delivery was three days late',
  'my parcel arrived late and the courier never called',
  'courier lost my package and delivery took two weeks',
  'late delivery again, the parcel was stuck at the depot',
  'shipping was slow and the package arrived damaged',
  'the courier left my parcel in the rain',
  'delivery took forever, tracking never updated',
  'package delayed twice, shipping is a joke',
];
const STAFF = [
  'the staff were rude at the counter',
  'rude staff member ignored me at the desk',
  'the cashier was rude and unhelpful',
  'staff were friendly and the manager apologised',
  'the waiter was rude and the manager did nothing',
  'employees at the store were rude to my mother',
  'the shop assistant was very helpful and polite',
  'staff at the branch were rude and dismissive',
];
const BILLING = [
  'I was charged twice for one order',
  'the refund never reached my bank account',
  'overcharged on my invoice and still waiting for a refund',
  'my card was charged twice and support ignored the refund request',
  'wrong amount on the bill, they charged the full price',
  'still waiting for my refund after three weeks',
  'the invoice shows a fee I never agreed to',
  'billing error, double charge on my credit card',
];
const OPENERS = ['', 'honestly, ', 'once again ', 'as usual '];

/** 96 comments (32 per topic) with ids "d1".., "s1".., "b1"..; topics interleaved in input order. */
export function topicComments(): { id: string; text: string; topic: string }[] {
  const rows: { id: string; text: string; topic: string }[] = [];
  OPENERS.forEach((opener, round) => {
    for (let index = 0; index < 8; index += 1) {
      const number = round * 8 + index + 1;
      rows.push({ id: `d${number}`, text: `${opener}${DELIVERY[index]}`, topic: 'delivery' });
      rows.push({ id: `s${number}`, text: `${opener}${STAFF[index]}`, topic: 'staff' });
      rows.push({ id: `b${number}`, text: `${opener}${BILLING[index]}`, topic: 'billing' });
    }
  });
  return rows;
}
