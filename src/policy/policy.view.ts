import { Policy } from './policy.entity';

export interface PolicyView {
  version: string;
  title: string;
  text: string;
  effectiveFrom: string;
  reviewDueAt: string;
  createdById: string;
  createdAt: string;
}

export const toPolicyView = (policy: Policy): PolicyView => ({
  version: policy.version,
  title: policy.title,
  text: policy.text,
  effectiveFrom: policy.effectiveFrom,
  reviewDueAt: policy.reviewDueAt,
  createdById: policy.createdById,
  createdAt: policy.createdAt,
});
