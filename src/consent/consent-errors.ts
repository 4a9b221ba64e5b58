import { InvalidStateError } from '../common/errors/generic-errors';

export class ConsentNoLongerNeededError extends InvalidStateError {
  constructor() {
    super('The draft no longer shows you in this image, so there is nothing to decide.');
  }
}
