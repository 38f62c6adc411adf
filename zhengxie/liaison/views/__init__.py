"""Pages of the liaison app: information for members, questions to departments, proposal topics and contact duties
(``information``, ``inquiries``, ``topics``, ``contacts``)."""
