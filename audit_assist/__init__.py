"""audit-assist: audits Chinese department budget disclosures (部门预算, 部门决算, 绩效自评)."""

__version__ = "0.1.0"
