// `mocha --require test/support/reverse-order.mjs …`: every suite runs its tests, and its nested suites, in the
// reverse of the order they are written in (hooks keep theirs). A test that passes only because an earlier one
// built its data fails here; `node scripts/test-each-file.mjs --reverse` runs each file this way (#23).
import Mocha from 'mocha';

const { Suite } = Mocha;

const addTest = Suite.prototype.addTest;
Suite.prototype.addTest = function addTestFirst(test) {
  addTest.call(this, test);
  this.tests.unshift(this.tests.pop());
  return this;
};

const addSuite = Suite.prototype.addSuite;
Suite.prototype.addSuite = function addSuiteFirst(suite) {
  addSuite.call(this, suite);
  this.suites.unshift(this.suites.pop());
  return this;
};
