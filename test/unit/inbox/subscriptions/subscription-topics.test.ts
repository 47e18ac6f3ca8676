import { expect } from 'chai';
import { TOPICS } from '../../../../src/announcements/announcement.types.js';
import { ALWAYS_CHOSEN, SUBSCRIPTION_MENU, topicsOfChoices } from '../../../../src/inbox/subscriptions/subscription-topics.js';

describe('the topics a citizen chooses by number', () => {
  it('the menu offers every announcement topic but emergencies, one digit each', () => {
    expect([...SUBSCRIPTION_MENU, ALWAYS_CHOSEN]).to.have.members([...TOPICS]);
    expect(SUBSCRIPTION_MENU.length).to.be.at.most(9);
  });

  it('numbers become topics in menu order, emergencies always with them; none valid, no choice', () => {
    expect(topicsOfChoices([3, 1])).to.deep.equal(['permits', 'school', 'emergency']);
    expect(topicsOfChoices([9])).to.deep.equal(['events', 'emergency']);
    expect(topicsOfChoices([])).to.deep.equal([]);
    expect(topicsOfChoices([0])).to.deep.equal([]);
  });
});
